import type { InvitationDashboard } from "../../api/dashboard-types";

type Day = InvitationDashboard["chart"][number];

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 36 };

/** A readable top for the y axis: 1, 2 or 5 times a power of ten, at least 1. */
function niceMax(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  });
}

/**
 * Invitations sent vs accepted per day as an SVG line chart drawn by hand (no chart library). The SVG
 * is a labelled image; the same numbers are in a table below it for screen readers and for copying.
 */
export function InvitationChart({ days }: { days: Day[] }) {
  const max = niceMax(Math.max(0, ...days.map((d) => Math.max(d.sent, d.accepted))));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (days.length <= 1 ? 0 : (i * innerW) / (days.length - 1));
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const line = (pick: (d: Day) => number) =>
    days.map((d, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(pick(d)).toFixed(1)}`).join(" ");
  const totalSent = days.reduce((sum, d) => sum + d.sent, 0);
  const totalAccepted = days.reduce((sum, d) => sum + d.accepted, 0);
  const ticks = [0, max / 2, max];
  const labelEvery = Math.max(1, Math.ceil(days.length / 6));

  return (
    <figure className="dash-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="dash-chart-title dash-chart-summary"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="dash-chart-title">Invitations sent and accepted per day, last {days.length} days</title>
        <desc id="dash-chart-summary">
          {totalSent} sent and {totalAccepted} accepted in total. The table below lists every day.
        </desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line className="dash-grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text className="dash-axis" x={PAD.left - 6} y={y(tick) + 4} textAnchor="end">
              {Number.isInteger(tick) ? tick : tick.toFixed(1)}
            </text>
          </g>
        ))}
        {days.map((d, i) =>
          i % labelEvery === 0 || i === days.length - 1 ? (
            <text
              key={d.day}
              className="dash-axis"
              x={x(i)}
              y={HEIGHT - 8}
              textAnchor={i === 0 ? "start" : i === days.length - 1 ? "end" : "middle"}
            >
              {shortDay(d.day)}
            </text>
          ) : null,
        )}
        <path className="dash-line dash-line-sent" d={line((d) => d.sent)} />
        <path className="dash-line dash-line-accepted" d={line((d) => d.accepted)} />
      </svg>
      <figcaption className="dash-legend">
        <span className="dash-key dash-key-sent">Sent</span>
        <span className="dash-key dash-key-accepted">Accepted</span>
      </figcaption>
      <details className="dash-table">
        <summary>Show the numbers as a table</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Invitations sent and accepted per day</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Sent</th>
                <th scope="col">Accepted</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td>{d.sent}</td>
                  <td>{d.accepted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** The teams a resource is shared with, one a line ("Sales: run only"), or what holds when there are none. */
export function ShareLines({
  lines,
  none,
  noneIsMuted = true,
}: {
  lines: readonly string[];
  none: string;
  noneIsMuted?: boolean;
}) {
  if (lines.length === 0) return noneIsMuted ? <span className="muted">{none}</span> : none;
  return (
    <ul className="share-lines">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/**
 * The teams a resource is shared with, one a line ("Sales: run only"), or what holds when there are
 * none; a dash while the sharing document is not there (loading, or it could not be read), rather than
 * a "not shared" that may be wrong.
 */
export function ShareLines({
  lines,
  none,
  noneIsMuted = true,
}: {
  lines: readonly string[] | null;
  none: string;
  noneIsMuted?: boolean;
}) {
  if (lines === null) return <span className="muted">—</span>;
  if (lines.length === 0) return noneIsMuted ? <span className="muted">{none}</span> : none;
  return (
    <ul className="share-lines">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** Severity as a coloured badge that also says it in words. */
export function SeverityBadge({ severity }: { severity: string }) {
  const known = ['low', 'medium', 'high', 'critical'].includes(severity);
  return (
    <span className={`severity severity-${known ? severity : 'unknown'}`}>
      <span aria-hidden="true" className="severity-dot" />
      {severity}
    </span>
  );
}

/** ★★★★☆ that reads as "4 of 5 stars". */
export function Stars({ rating }: { rating: number }) {
  const stars = Math.max(0, Math.min(5, Math.round(rating)));
  return (
    <span className="stars" role="img" aria-label={`${stars} of 5 stars`}>
      <span className="stars-on">{'★'.repeat(stars)}</span>
      <span className="stars-off">{'★'.repeat(5 - stars)}</span>
    </span>
  );
}

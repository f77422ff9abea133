import { describeMoney } from '../format';

/** An amount of money, with the exact stored amount on hover when the text rounds it. */
export function Money({ value }: { value: number | null | undefined }) {
  const { text, exact } = describeMoney(value);
  return exact ? <span title={exact}>{text}</span> : <>{text}</>;
}

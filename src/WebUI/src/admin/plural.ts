import { formatInteger } from '../format';

/** "1 threat", "2,500 threats". */
export function plural(count: number, one: string, many: string): string {
  return `${formatInteger(count)} ${count === 1 ? one : many}`;
}

import { fieldErrors } from '../errors';

/** page and pageSize from the query string: whole numbers, pageSize at most 100. */
export function paging(query: Record<string, unknown>, defaultSize = 25): { page: number; pageSize: number } {
  const read = (name: string, fallback: number, max: number) => {
    const raw = query[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw fieldErrors([{ field: name, message: `must be a whole number from 1 to ${max}` }]);
    }
    return value;
  };
  return { page: read('page', 1, 100_000), pageSize: read('pageSize', defaultSize, 100) };
}

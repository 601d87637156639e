import { queueQueries } from '../queue-queries';

/** A stand-in for a pg client's query(): callback style, answers after a delay, counts overlap. */
function slowConnection() {
  const seen = { running: 0, most: 0, order: [] as string[] };
  const connection = {
    query(config: { text: string }, callback: (error: Error | null, result?: unknown) => void) {
      seen.running += 1;
      seen.most = Math.max(seen.most, seen.running);
      setTimeout(() => {
        seen.running -= 1;
        seen.order.push(config.text);
        if (config.text === 'fail') callback(new Error('syntax error'));
        else callback(null, { rows: [config.text] });
      }, 5);
    },
  };
  return { connection, seen };
}

const ask = (connection: { query: (...args: any[]) => unknown }, text: string) =>
  new Promise((resolve, reject) =>
    connection.query({ text }, (error: Error | null, result: unknown) =>
      error ? reject(error) : resolve(result)
    )
  );

describe('queueQueries', () => {
  it('runs queries sent at once one after another, in the order they were sent', async () => {
    const { connection, seen } = slowConnection();
    queueQueries(connection);
    const results = await Promise.all(['a', 'b', 'c'].map((text) => ask(connection, text)));
    expect(results).toEqual([{ rows: ['a'] }, { rows: ['b'] }, { rows: ['c'] }]);
    expect(seen.most).toBe(1);
    expect(seen.order).toEqual(['a', 'b', 'c']);
  });

  it('passes a failure to its own caller and goes on with the next query', async () => {
    const { connection, seen } = slowConnection();
    queueQueries(connection);
    const outcomes = await Promise.allSettled(['a', 'fail', 'c'].map((text) => ask(connection, text)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('syntax error');
    expect(seen.most).toBe(1);
  });

  it('answers promise-style calls (no callback) with a promise', async () => {
    const { connection } = slowConnection();
    queueQueries(connection);
    const query = connection.query as unknown as (config: { text: string }) => Promise<unknown>;
    await expect(Promise.all([query({ text: 'x' }), query({ text: 'y' })])).resolves.toEqual([
      { rows: ['x'] },
      { rows: ['y'] },
    ]);
  });

  it('turns a query that throws at once into that caller’s error, not a stuck queue', async () => {
    const connection = {
      query(config: { text: string }, callback: (e: Error | null, r?: unknown) => void) {
        if (config.text === 'boom') throw new TypeError('Client was passed a null or undefined query');
        callback(null, config.text);
      },
    };
    queueQueries(connection);
    await expect(ask(connection, 'boom')).rejects.toThrow('null or undefined query');
    await expect(ask(connection, 'next')).resolves.toBe('next');
  });

  it('leaves cursors and streams (objects with submit) to pg', () => {
    const calls: unknown[] = [];
    const connection = { query: (...args: unknown[]) => (calls.push(args), 'stream') };
    queueQueries(connection);
    const cursor = { submit: () => undefined };
    expect(connection.query(cursor)).toBe('stream');
    expect(calls).toEqual([[cursor]]);
  });
});

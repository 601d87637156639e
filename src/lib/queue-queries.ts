/**
 * A transaction is one connection, yet Strapi runs some of its queries at once (`Promise.all` in the
 * entity validator's relation check and in populate, both inside the document service's
 * transaction). pg queues such calls itself but warns that pg@9 will refuse them, and asks for "an
 * external async flow control mechanism": this is one. Each connection runs its queries in turn.
 */
type Callback = (error: Error | null, result?: unknown) => void;

export interface Queryable {
  query: (...args: any[]) => unknown;
}

export function queueQueries<C extends Queryable>(connection: C): C {
  const query = connection.query.bind(connection);
  let idle: Promise<unknown> = Promise.resolve();

  connection.query = (...args: any[]) => {
    // Cursors and streams (objects with submit) report their end by events: pass them straight on.
    if (typeof args[0]?.submit === 'function') return query(...args);

    const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as Callback) : undefined;
    const turn = idle.then(
      () =>
        new Promise((resolve, reject) => {
          const settle: Callback = (error, result) => (error ? reject(error) : resolve(result));
          try {
            const returned = query(...args, settle);
            if (returned && typeof (returned as Promise<unknown>).then === 'function')
              (returned as Promise<unknown>).then(resolve, reject);
          } catch (error) {
            reject(error);
          }
        })
    );
    idle = turn.catch(() => undefined);
    if (!callback) return turn;
    turn.then(
      (result) => callback(null, result),
      (error: Error) => callback(error)
    );
    return undefined;
  };
  return connection;
}

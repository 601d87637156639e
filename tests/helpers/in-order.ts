/**
 * Steps of one story that run in order and share state. Each is a test of its own, so each passes or
 * fails on its own and the report names the step that broke; once one fails, the later steps (which
 * build on it) fail at once, naming it, instead of piling up errors that are only its echo.
 */
export function inOrder() {
  let broken: string | null = null;
  return (name: string, run: () => Promise<void>, timeout?: number) =>
    it(
      name,
      async () => {
        if (broken) throw new Error(`Not run: it builds on the step that failed ("${broken}")`);
        try {
          await run();
        } catch (error) {
          broken = name;
          throw error;
        }
      },
      timeout
    );
}

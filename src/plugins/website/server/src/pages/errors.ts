/** Ends a page early: 401 sends the officer to sign in, 404 shows "Page not found". */
export class PageStop extends Error {
  constructor(readonly status: 401 | 404) {
    super(`page stop ${status}`);
  }
}

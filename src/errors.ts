/**
 * An error a user can cause and fix. The CLI and chat adapters print `message` and `fix`
 * as one sentence each and never a stack trace.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = "UserError";
  }

  /** "What went wrong. Fix: what to do." */
  describe(): string {
    return `${this.message} Fix: ${this.fix}.`;
  }
}

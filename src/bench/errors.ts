/** Bad benchmark input (arguments, data files, repositories): printed as one line, exit status 2. */
export class BenchInputError extends Error {
  override readonly name = 'BenchInputError';
}

export function isBenchInputError(error: unknown): error is BenchInputError {
  return error instanceof BenchInputError;
}

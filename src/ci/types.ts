/** What went wrong, as far as the log says. */
export type FailureKind = 'exception' | 'test-failure' | 'compile-error' | 'panic' | 'sanitizer' | 'timeout' | 'error';

/**
 * One printed stack frame or error location. `path` is the file as printed,
 * with runner workspace prefixes stripped and `/` separators; it is null for
 * frames that name no file (`(Native Method)`, `<anonymous>`, a binary
 * offset). `external` marks standard-library, runtime, dependency and
 * build-output frames.
 */
export interface Frame {
  path: string | null;
  line: number | null;
  column: number | null;
  function: string | null;
  external: boolean;
  /**
   * Go only, not serialized: the import path of the package a
   * package-relative file name (`store_test.go`) belongs to.
   */
  goPackage?: string;
}

/** A stack printed beside the failing one: a sanitizer's allocation or free stack, another leak. */
export interface RelatedStack {
  label: string;
  frames: Frame[];
}

/** One failure found in a log: the JSON contract of `revloop explain-ci --json`. */
export interface Failure {
  kind: FailureKind;
  /** The error's first line, without log framing, location prefix or colours. */
  message: string;
  /** The test name as the runner printed it, or null outside a test. */
  test: string | null;
  /** Every printed frame in printed order, chained segments included. */
  frames: Frame[];
  /** Sanitizer allocation/free stacks and the like; absent when there are none. */
  relatedStacks?: RelatedStack[];
}

/**
 * A failure plus where it was found. Line numbers are 1-based lines of the
 * original (un-normalized) log, so a publisher can link to them.
 */
export interface LocatedFailure extends Failure {
  logLine: number;
  logEndLine: number;
  /** The name of the workflow step the failure was printed in, when the log has step groups. */
  step: string | null;
}

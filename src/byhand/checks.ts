// The input checks the by-hand losses share. Plain Errors: this folder stays free of tfjs, so it
// does not use core/errors.ts (which imports it). Messages read like the library's:
//   byhand.mseLoss: target: expected length 4 (the length of prediction), got 3

/** @throws Error unless `values` has as many entries as `reference`. */
export function checkSameLength(
  fn: string,
  name: string,
  values: readonly unknown[],
  referenceName: string,
  reference: readonly unknown[],
): void {
  if (values.length !== reference.length) {
    throw new Error(
      `byhand.${fn}: ${name}: expected length ${reference.length} (the length of ${referenceName}), ` +
        `got ${values.length}`,
    );
  }
}

/** @throws Error when `values` is empty. */
export function checkNotEmpty(fn: string, name: string, values: readonly unknown[]): void {
  if (values.length === 0) {
    throw new Error(`byhand.${fn}: ${name}: expected at least one entry, got an empty array`);
  }
}

/** @throws Error unless `index` is an integer in [0, classes). */
export function checkClassIndex(fn: string, name: string, index: number, classes: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= classes) {
    throw new Error(`byhand.${fn}: ${name}: expected a class index in [0, ${classes - 1}], got ${index}`);
  }
}

/** @throws Error unless `value` is one of `allowed`. */
export function checkOneOf(fn: string, name: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== "string" || !allowed.includes(value)) {
    throw new Error(
      `byhand.${fn}: ${name}: expected one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${JSON.stringify(value)}`,
    );
  }
}

/** @throws Error unless `value` is a finite number satisfying `predicate`. */
export function checkNumber(
  fn: string,
  name: string,
  value: unknown,
  expected: string,
  predicate: (value: number) => boolean = () => true,
): void {
  if (typeof value !== "number" || !Number.isFinite(value) || !predicate(value)) {
    throw new Error(`byhand.${fn}: ${name}: expected ${expected}, got ${JSON.stringify(value)}`);
  }
}

/** @throws Error unless every entry satisfies `predicate`; names the first offender. */
export function checkEach(
  fn: string,
  name: string,
  values: readonly number[],
  expected: string,
  predicate: (value: number) => boolean,
): void {
  values.forEach((value, i) => {
    if (!predicate(value)) {
      throw new Error(`byhand.${fn}: ${name}: expected ${expected}, got ${value} at index ${i}`);
    }
  });
}

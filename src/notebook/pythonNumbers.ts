/**
 * Python's float formatting (`'{:.4f}'.format(x)`, `'{:.4e}'.format(x)`), which PyTorch prints tensors with.
 *
 * Python rounds the exact binary value of a double half-to-even; JavaScript's toFixed and toExponential round
 * ties away from zero (0.03125 → "0.0313" in JavaScript, "0.0312" in Python). So the value is expanded exactly,
 * as an integer times a power of ten, and rounded here.
 */

/** A finite double's magnitude, exactly: `significand × 10^exponent`. */
interface ExactDecimal {
  significand: bigint;
  exponent: number;
}

/** The exact decimal value of |x| for a finite x: every double is m·2^e, and 2^-k = 5^k / 10^k. */
function exactDecimal(x: number): ExactDecimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biasedExponent = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biasedExponent === 0 ? fraction : fraction | (1n << 52n);
  const binaryExponent = (biasedExponent === 0 ? 1 : biasedExponent) - 1075;
  if (binaryExponent >= 0) return { significand: mantissa << BigInt(binaryExponent), exponent: 0 };
  return { significand: mantissa * 5n ** BigInt(-binaryExponent), exponent: binaryExponent };
}

/** round(value / 10^target), ties to even. */
function roundToPowerOfTen({ significand, exponent }: ExactDecimal, target: number): bigint {
  if (exponent >= target) return significand * 10n ** BigInt(exponent - target);
  const divisor = 10n ** BigInt(target - exponent);
  const quotient = significand / divisor;
  const twiceRemainder = 2n * (significand % divisor);
  if (twiceRemainder > divisor || (twiceRemainder === divisor && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

function sign(x: number): string {
  return x < 0 || Object.is(x, -0) ? "-" : "";
}

function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  return undefined;
}

/**
 * `'{:.Nf}'.format(x)` in Python: N digits after the point, "nan", "inf", "-inf".
 * @example formatFixed(0.03125, 4); // "0.0312"
 */
export function formatFixed(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const scaled = roundToPowerOfTen(exactDecimal(x), -digits)
    .toString()
    .padStart(digits + 1, "0");
  const point = scaled.length - digits;
  return sign(x) + scaled.slice(0, point) + (digits > 0 ? `.${scaled.slice(point)}` : "");
}

/**
 * `'{:.Ne}'.format(x)` in Python: one digit, the point, N digits, "e", a sign and at least two exponent digits.
 * @example formatExponential(0.000012345, 4); // "1.2345e-05"
 */
export function formatExponential(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const exact = exactDecimal(x);
  let decimalExponent = 0;
  let mantissa = 0n;
  if (exact.significand !== 0n) {
    decimalExponent = exact.significand.toString().length - 1 + exact.exponent;
    mantissa = roundToPowerOfTen(exact, decimalExponent - digits);
    if (mantissa.toString().length > digits + 1) {
      // Rounding carried into a new digit (9.99995 → 10.0000): one more power of ten.
      decimalExponent += 1;
      mantissa /= 10n;
    }
  }
  const text = mantissa.toString().padStart(digits + 1, "0");
  const exponentText = `${decimalExponent < 0 ? "-" : "+"}${String(Math.abs(decimalExponent)).padStart(2, "0")}`;
  return `${sign(x)}${text[0]}${digits > 0 ? `.${text.slice(1)}` : ""}e${exponentText}`;
}

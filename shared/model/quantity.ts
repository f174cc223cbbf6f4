// Kubernetes resource quantities as k8s.io/apimachinery/pkg/api/resource parses them
// (quantity.go, ParseQuantity; suffix.go):
//   <quantity>        ::= <signedNumber><suffix>
//   <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
//   <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
//   <decimalSI>       ::= n | u | m | "" | k | M | G | T | P | E
//   <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>
//   <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
// No spaces anywhere; "1E" is exa, not an unfinished exponent; "1K", "1ki", "1mi" are refused.
// A JSON number (YAML `cpu: 2`) is a quantity too. Resource values must also not be negative
// (ValidateResourceQuantityValue), which `resourceQuantity` checks.

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

const SHAPE = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$/;
const EXPONENT = /^[eE]([+-]?\d+)$/;

/** The value of a quantity in base units (cores, bytes), or null when Kubernetes refuses it. */
export function parseQuantity(q: string | number): number | null {
  if (typeof q === 'number') return Number.isFinite(q) ? q : null;
  const m = SHAPE.exec(q);
  if (m === null) return null;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  const scale = BINARY[suffix] ?? DECIMAL[suffix];
  if (scale !== undefined) return n * scale;
  const e = EXPONENT.exec(suffix);
  if (e === null) return null;
  const v = n * 10 ** Number(e[1]);
  return Number.isFinite(v) ? v : null;
}

/** Why a requests/limits value is refused, or null when it is a valid resource quantity. */
export function quantityProblem(q: string | number): string | null {
  const v = parseQuantity(q);
  if (v === null) return `${JSON.stringify(q)} is not a Kubernetes quantity`;
  if (v < 0) return `${JSON.stringify(q)} must be greater than or equal to 0`;
  return null;
}

/** CPU cores of a quantity ("250m" → 0.25, 2 → 2); throws on a quantity Kubernetes refuses. */
export function cpuCores(q: string | number): number {
  return valueOf(q);
}

/** Bytes of a quantity ("512Mi" → 536870912, "1G" → 1e9); throws on a refused quantity. */
export function memoryBytes(q: string | number): number {
  return valueOf(q);
}

function valueOf(q: string | number): number {
  const problem = quantityProblem(q);
  if (problem !== null) throw new Error(problem);
  return parseQuantity(q) as number;
}

/**
 * mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). Shared by the benchmarks and the sample-data
 * generator, so their generated inputs are the same on every run.
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

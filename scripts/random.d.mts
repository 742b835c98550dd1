/** mulberry32: a seeded PRNG; each call of the returned function gives the next float in [0, 1). */
export function mulberry32(seed: number): () => number;

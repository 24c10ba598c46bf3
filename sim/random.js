// Seeded randomness. Every decision of the simulation (the workload, each fault) is a pure function
// of the seed and a label, so a run can be replayed with --seed. Network timing still decides the
// order in which the server sees requests; the decisions themselves do not depend on it.
const { createHash } = require('node:crypto');

/** A uniform number in [0, 1) for (seed, ...labels): the same labels always give the same number. */
function chance(seed, ...labels) {
  const digest = createHash('sha256')
    .update(`${seed}\u0000${labels.join('\u0000')}`)
    .digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** A small, fast generator (mulberry32) for long sequences from one seed. */
function generator(seed, label = '') {
  let state = createHash('sha256').update(`${seed}\u0000${label}`).digest().readUInt32BE(0);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

module.exports = { chance, generator };

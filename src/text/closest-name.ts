/**
 * "Did you mean …?" for names CAS ignores when misspelt (JSON properties, class names): the known name
 * that differs only in case, else the one at most two edits away.
 */
export function closestName(name: string, known: Iterable<string>, normalize: (name: string) => string = (n) => n.toLowerCase()): string | undefined {
  const target = normalize(name);
  const candidates = [...known];
  const byCase = candidates.find((candidate) => candidate.toLowerCase() === target);
  if (byCase) return byCase;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(target, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance; anything beyond two edits counts as 3 (all a suggestion needs). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

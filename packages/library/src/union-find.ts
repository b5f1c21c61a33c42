// Union–find over indexes 0..n-1, with path halving: merges chains (a~b, b~c) into one group.
export function createUnionFind(n: number) {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  return { find, union: (a: number, b: number) => void (parent[find(a)] = find(b)) };
}

/** The groups of a union–find, each in input order. */
export function groupsOf<T>(items: readonly T[], find: (i: number) => number): T[][] {
  const groups = new Map<number, T[]>();
  items.forEach((item, i) => {
    const root = find(i);
    const list = groups.get(root);
    if (list) list.push(item);
    else groups.set(root, [item]);
  });
  return [...groups.values()];
}

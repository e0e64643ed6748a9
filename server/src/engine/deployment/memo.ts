/** One value a memo computed, with the inputs it was computed from. */
interface MemoEntry<V> {
  inputs: readonly unknown[];
  value: V;
}

/**
 * Values computed from objects that never change once made, such as the models of a
 * document and the settings read from them. The index is rebuilt after every edit from
 * mostly the same objects; a memo hands back what it computed before when the key and
 * every input are the very same (`Object.is`) as then. A value is thus reused only while
 * all it was computed from is unchanged, and it is never changed by its users.
 *
 * The key is held weakly: once no model refers to it, its values go too. Each key keeps
 * the values of a few sets of inputs, for the deployments that share it.
 */
export class IdentityMemo<V> {
  private readonly entries = new WeakMap<object, MemoEntry<V>[]>();

  constructor(private readonly variants = 4) {}

  /** The value for `key` and `inputs`, computed by `compute` unless it is known. */
  get(key: object, inputs: readonly unknown[], compute: () => V): V {
    let list = this.entries.get(key);
    if (list) {
      for (const entry of list) {
        if (sameInputs(entry.inputs, inputs)) {
          return entry.value;
        }
      }
    } else {
      list = [];
      this.entries.set(key, list);
    }
    const value = compute();
    if (list.length >= this.variants) {
      list.shift();
    }
    list.push({ inputs, value });
    return value;
  }
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) {
      return false;
    }
  }
  return true;
}

const lists = new IdentityMemo<readonly unknown[]>(2);
const EMPTY_LIST = {};

/**
 * The first list seen with the same elements as `list`, so that a list rebuilt from the
 * same objects can be compared, and used as a memo input, by identity.
 */
export function sameList<T>(list: readonly T[]): readonly T[] {
  return lists.get((list[0] as object | undefined) ?? EMPTY_LIST, list, () => list) as readonly T[];
}

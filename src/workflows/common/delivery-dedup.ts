/** Remembers the most recent delivery ids so repeated webhook deliveries are no-ops. */
export class DeliveryDedup {
  private readonly ids: string[];
  private readonly set: Set<string>;

  constructor(
    initial: string[] = [],
    private readonly capacity = 200,
  ) {
    this.ids = initial.slice(-capacity);
    this.set = new Set(this.ids);
  }

  /** Returns true the first time an id is seen. */
  firstSeen(id: string): boolean {
    if (this.set.has(id)) return false;
    this.set.add(id);
    this.ids.push(id);
    if (this.ids.length > this.capacity) this.set.delete(this.ids.shift()!);
    return true;
  }

  toArray(): string[] {
    return [...this.ids];
  }
}

/** A min-heap of timed entries; ties leave in insertion order, so runs are reproducible. */
export class EventQueue<T> {
  #heap: Array<{ at: number; seq: number; value: T }> = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(at: number, value: T): void {
    this.#heap.push({ at, seq: this.#seq++, value });
    let index = this.#heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.#before(index, parent)) break;
      this.#swap(index, parent);
      index = parent;
    }
  }

  /** Removes and returns every entry due at or before `until`, earliest first. */
  popUntil(until: number): Array<{ at: number; value: T }> {
    const due: Array<{ at: number; value: T }> = [];
    while (this.#heap.length > 0 && this.#heap[0]!.at <= until) {
      const top = this.#heap[0]!;
      const last = this.#heap.pop()!;
      if (this.#heap.length > 0) {
        this.#heap[0] = last;
        this.#sinkFromTop();
      }
      due.push({ at: top.at, value: top.value });
    }
    return due;
  }

  #before(i: number, j: number): boolean {
    const a = this.#heap[i]!;
    const b = this.#heap[j]!;
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  #swap(i: number, j: number): void {
    [this.#heap[i], this.#heap[j]] = [this.#heap[j]!, this.#heap[i]!];
  }

  #sinkFromTop(): void {
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < this.#heap.length && this.#before(left, smallest)) smallest = left;
      if (right < this.#heap.length && this.#before(right, smallest)) smallest = right;
      if (smallest === index) return;
      this.#swap(index, smallest);
      index = smallest;
    }
  }
}

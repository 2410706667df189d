/**
 * Okapi BM25 over bags of words: the lexical baseline of both benchmark
 * protocols. Documents are added once; any number of queries score them.
 */

export interface Bm25Parameters {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation: 0 ignores document length, 1 normalises fully. */
  b: number;
}

export const DEFAULT_BM25: Readonly<Bm25Parameters> = { k1: 1.2, b: 0.75 };

export interface ScoredDocument {
  id: string;
  score: number;
}

interface Document {
  id: string;
  counts: ReadonlyMap<string, number>;
  length: number;
}

export class Bm25Index {
  private readonly documents: Document[] = [];
  private readonly documentFrequency = new Map<string, number>();
  private totalLength = 0;

  constructor(private readonly parameters: Bm25Parameters = DEFAULT_BM25) {}

  get size(): number {
    return this.documents.length;
  }

  /** Adds a document given as term → occurrences. */
  add(id: string, counts: ReadonlyMap<string, number>): void {
    let length = 0;
    for (const [term, count] of counts) {
      length += count;
      this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
    this.documents.push({ id, counts, length });
    this.totalLength += length;
  }

  /**
   * Inverse document frequency in the non-negative form
   * ln(1 + (N − df + 0.5) / (df + 0.5)): a term in every document adds
   * almost nothing, and never subtracts.
   */
  idf(term: string): number {
    const df = this.documentFrequency.get(term) ?? 0;
    const n = this.documents.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Documents with a positive score for the query (term → occurrences in
   * the query; a repeated query term counts that many times), best first,
   * ties by id so the order is deterministic.
   */
  search(query: ReadonlyMap<string, number>): ScoredDocument[] {
    const { k1, b } = this.parameters;
    const averageLength = this.documents.length > 0 ? this.totalLength / this.documents.length : 0;
    const weights: [string, number][] = [];
    for (const [term, occurrences] of query) {
      if (!this.documentFrequency.has(term)) continue;
      weights.push([term, occurrences * this.idf(term)]);
    }
    const scored: ScoredDocument[] = [];
    if (weights.length === 0) return scored;
    for (const document of this.documents) {
      const norm = k1 * (1 - b + (averageLength > 0 ? (b * document.length) / averageLength : 0));
      let score = 0;
      for (const [term, weight] of weights) {
        const tf = document.counts.get(term);
        if (tf) score += (weight * tf * (k1 + 1)) / (tf + norm);
      }
      if (score > 0) scored.push({ id: document.id, score });
    }
    scored.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    return scored;
  }
}

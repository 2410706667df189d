import { bm25Idf, bm25Term, DEFAULT_BM25, type Bm25Parameters } from '../context/lexical.js';

/**
 * Okapi BM25 over bags of words: the lexical baseline of both benchmark
 * protocols, with the formula revloop's own word matching uses
 * (context/lexical.ts). Documents are added once; any number of queries
 * score them.
 */

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

  /** Inverse document frequency (see bm25Idf). */
  idf(term: string): number {
    return bm25Idf(this.documents.length, this.documentFrequency.get(term) ?? 0);
  }

  /**
   * Documents with a positive score for the query (term → occurrences in
   * the query; a repeated query term counts that many times), best first,
   * ties by id so the order is deterministic.
   */
  search(query: ReadonlyMap<string, number>): ScoredDocument[] {
    const averageLength = this.documents.length > 0 ? this.totalLength / this.documents.length : 0;
    const weights: [string, number][] = [];
    for (const [term, occurrences] of query) {
      if (!this.documentFrequency.has(term)) continue;
      weights.push([term, occurrences * this.idf(term)]);
    }
    const scored: ScoredDocument[] = [];
    if (weights.length === 0) return scored;
    for (const document of this.documents) {
      let score = 0;
      for (const [term, weight] of weights) {
        const tf = document.counts.get(term);
        if (tf) score += bm25Term(weight, tf, document.length, averageLength, this.parameters);
      }
      if (score > 0) scored.push({ id: document.id, score });
    }
    scored.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    return scored;
  }
}

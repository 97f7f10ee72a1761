/**
 * Measuring ranking quality against relevance judgments: {@link io.incidentsearch.eval.Qrels} reads
 * a judgment file, {@link io.incidentsearch.eval.EvalSuite} ranks every judged query on an index
 * and reports MRR, recall and nDCG at 10 per file.
 */
package io.incidentsearch.eval;

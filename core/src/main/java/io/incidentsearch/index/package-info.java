/**
 * Building and inspecting an index: build options, progress callbacks and reports, statistics, the
 * manifest of a commit, integrity checks, the source of input files, and the exceptions that say
 * why an index cannot be opened or built.
 */
package io.incidentsearch.index;

/**
 * The photo import as a Jakarta Batch chunk job: a reader that lists a source page by page, a
 * processor and writer that hand each file to the import queue, and a final reconciling step. Job
 * XML files live in {@code META-INF/batch-jobs}, named by job id.
 */
package app.glimpse.imports.job;

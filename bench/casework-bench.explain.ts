import type {
  CompiledQuery,
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Database } from '../src/db/database.ts';

// `--explain` for bench/casework.bench.ts: runs a function once with every query it issues recorded, then
// prints EXPLAIN (ANALYZE, BUFFERS) of each, so a slow page can be traced to the query and plan at fault.

class RecordQueries implements KyselyPlugin {
  readonly nodes: RootOperationNode[] = [];

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push(args.node);
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/**
 * Runs `run` once, then prints the plan and timing of every query it made.
 * @param db - the benchmark database
 * @param title - what is being explained
 * @param run - the call, given a database handle that records its queries
 */
export async function explainCalls(
  db: Kysely<Database>,
  title: string,
  run: (recorded: Kysely<Database>) => Promise<unknown>,
): Promise<void> {
  const recorder = new RecordQueries();
  await run(db.withPlugin(recorder));
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS): ${title} (${String(recorder.nodes.length)} queries)`);
  for (const [i, node] of recorder.nodes.entries()) {
    const compiled = db.getExecutor().compileQuery(node, { queryId: `explain-${String(i)}` });
    const explain: CompiledQuery = { ...compiled, sql: `EXPLAIN (ANALYZE, BUFFERS) ${compiled.sql}` };
    const result = await db.executeQuery<{ 'QUERY PLAN': string }>(explain);
    console.log(`\n-- query ${String(i + 1)}: ${compiled.sql.replace(/\s+/g, ' ').slice(0, 160)}...`);
    for (const row of result.rows) {
      console.log(row['QUERY PLAN']);
    }
  }
}

/** Domain benchmarks (ledger, approvals ...) join here as their modules land; each returns report lines. */
export async function runDomainBenchmarks(_databaseUrl: string): Promise<string[]> {
  return [];
}

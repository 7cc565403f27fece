
describe('check --json vacuity fields', () => {
  it('should give every property report vacuous and vacuityReason', async () => {
    const r = await runMain(['check', '--bounds', 'moves=0', '-p', 'eventual-reachability', '-p', 'registration-authenticated', '-n', '50', '--json', '--trace-dir', tempDir()], ROOT);

    expect(r.code).toBe(0);
    const props = (JSON.parse(r.out) as { properties: { id: string; verdict: string; vacuous: boolean; vacuityReason: string | null }[] }).properties;
    expect(props.map(({ id, verdict, vacuous, vacuityReason }) => ({ id, verdict, vacuous, vacuityReason }))).toEqual([
      { id: 'eventual-reachability', verdict: 'holds', vacuous: true, vacuityReason: 'no host moved' },
      { id: 'registration-authenticated', verdict: 'holds', vacuous: false, vacuityReason: null },
    ]);
  });
});

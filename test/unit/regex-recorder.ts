// Imported first by regex-safety.test.ts: records every RegExp that src/core builds with
// `new RegExp(...)` (or `RegExp(...)`) while its modules load, so the patterns composed from
// strings (not regex literals, not exported) are checked like the literals.
export const built: Array<{ re: RegExp; where: string }> = [];

const Original = RegExp;
const where = () => {
  const line = (new Error().stack ?? "").split("\n").find((l) => l.includes("/src/core/"));
  const m = line && /\/src\/core\/(.+?):(\d+):\d+\)?$/.exec(line);
  return m ? `${m[1].replace(/\.ts$/, "")}.ts:${m[2]} (built)` : undefined;
};
const record = (re: RegExp) => {
  const at = where();
  if (at) built.push({ re, where: at });
  return re;
};

globalThis.RegExp = new Proxy(Original, {
  construct(target, args, newTarget) {
    return record(Reflect.construct(target, args, newTarget === globalThis.RegExp ? target : newTarget) as RegExp);
  },
  apply(target, _this, args) {
    return record(Reflect.apply(target, undefined, args) as RegExp);
  },
});

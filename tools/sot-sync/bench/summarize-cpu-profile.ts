// Bench support: a V8 `.cpuprofile` (node --cpu-prof) -> the functions with the most self time. Pure apart from reading.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  /** `name (file:line)`, file relative to the repository when it is ours. */
  where: string;
  selfMs: number;
  share: number;
}

/** The `top` functions by self time (samples attributed to the function itself, not its callees). */
export function summarizeCpuProfile(file: string, top = 12): { totalMs: number; functions: HotFunction[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    totalUs += delta;
    const key = describe(byNode.get(id));
    selfUs.set(key, (selfUs.get(key) ?? 0) + delta);
  });
  const functions = [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, us]) => ({ where, selfMs: Math.round(us / 100) / 10, share: Math.round((us / totalUs) * 1000) / 10 }));
  return { totalMs: Math.round(totalUs / 1000), functions };
}

function describe(node: ProfileNode | undefined): string {
  if (!node) return '(unknown)';
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  if (!url) return name;
  const local = url.replace(/^file:\/\//, '');
  const marker = local.indexOf('/tools/sot-sync/');
  const shown = marker >= 0 ? local.slice(marker + 1) : local.includes('node_modules') ? local.slice(local.lastIndexOf('node_modules')) : path.basename(local);
  return `${name} (${shown}:${lineNumber + 1})`;
}

// Pure: matches request paths against OpenAPI path templates ("/collections/{collection_name}/points").

/** Path parameters of `path` under `template`, decoded, or null when the path does not fit the template. */
export function matchPathTemplate(template: string, path: string): Record<string, string> | null {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const pattern = want[i] ?? '';
    const segment = got[i] ?? '';
    const name = /^\{(.+)\}$/.exec(pattern)?.[1];
    if (name === undefined) {
      if (pattern !== segment) return null;
    } else {
      if (segment === '') return null;
      params[name] = safeDecode(segment);
    }
  }
  return params;
}

/**
 * The best template for a path among candidates: literal segments beat parameters, so `/collections/aliases`
 * wins over `/collections/{collection_name}` as it does in Qdrant's router.
 */
export function findTemplate<T extends { template: string }>(candidates: readonly T[], path: string): { match: T; params: Record<string, string> } | null {
  let best: { match: T; params: Record<string, string>; literals: number } | null = null;
  for (const candidate of candidates) {
    const params = matchPathTemplate(candidate.template, path);
    if (params === null) continue;
    const literals = candidate.template.split('/').length - Object.keys(params).length;
    if (best === null || literals > best.literals) best = { match: candidate, params, literals };
  }
  return best === null ? null : { match: best.match, params: best.params };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

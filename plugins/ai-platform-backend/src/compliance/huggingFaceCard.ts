import {
  areasOfMarkdown,
  modelCardSections,
  ParsedModelCard,
} from '@ai-platform/plugin-ai-platform-common';
import { parseDocument } from 'yaml';

type Fields = ParsedModelCard['fields'];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string or a list of strings, as Hugging Face metadata allows for most keys. */
function strings(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value) && value.every(v => typeof v === 'string')) {
    return (value as string[]).map(v => v.trim()).filter(Boolean);
  }
  return undefined;
}

/** Metrics with a value in `model-index[].results[].metrics[]`; problems name bad entries. */
function modelIndexMetrics(index: unknown, problems: string[]): number {
  if (index === undefined) return 0;
  if (!Array.isArray(index)) {
    problems.push('front matter model-index: expected a list');
    return 0;
  }
  let count = 0;
  index.forEach((model, m) => {
    const results = isObject(model) ? model.results : undefined;
    if (!Array.isArray(results)) {
      problems.push(`front matter model-index[${m}].results: expected a list`);
      return;
    }
    results.forEach((result, r) => {
      const metrics = isObject(result) ? result.metrics : undefined;
      if (!Array.isArray(metrics)) {
        problems.push(
          `front matter model-index[${m}].results[${r}].metrics: expected a list`,
        );
        return;
      }
      metrics.forEach((metric, i) => {
        if (
          isObject(metric) &&
          typeof metric.type === 'string' &&
          metric.value !== undefined &&
          metric.value !== null
        ) {
          count += 1;
        } else {
          problems.push(
            `front matter model-index[${m}].results[${r}].metrics[${i}]: a metric needs a type and a value`,
          );
        }
      });
    });
  });
  return count;
}

/**
 * A Hugging Face model card (README.md): its sections mapped onto the nine areas by the common
 * parser, and its YAML front matter read here (license, datasets, base model, pipeline tag, the
 * metrics of `model-index`, which also document the performance area). Never throws: bad YAML
 * and fields of the wrong type are named in `problems`, with the file.
 */
export function parseHuggingFaceCard(
  markdown: string,
  file = 'README.md',
): ParsedModelCard {
  const { frontMatter } = modelCardSections(markdown);
  const { areas, problems } = areasOfMarkdown(markdown, file);
  const fields: Fields = {};
  const own: string[] = [];
  if (frontMatter) {
    const doc = parseDocument(frontMatter.text, { prettyErrors: false });
    if (doc.errors.length) {
      for (const e of doc.errors) {
        const line = (e.linePos?.[0]?.line ?? 1) + frontMatter.line - 1;
        own.push(`front matter line ${line}: ${e.message.split('\n')[0]}`);
      }
    } else {
      const meta = doc.toJS() as unknown;
      if (meta !== null && meta !== undefined && !isObject(meta)) {
        own.push('front matter: expected key: value pairs');
      } else if (isObject(meta)) {
        const license = meta.license;
        if (license !== undefined) {
          if (typeof license === 'string') fields.license = license;
          else own.push('front matter license: expected a string');
        }
        for (const key of ['pipeline_tag', 'base_model', 'library_name']) {
          const value = strings(meta[key]);
          if (value?.length) fields[key] = value.join(', ');
        }
        if (meta.datasets !== undefined) {
          const datasets = strings(meta.datasets);
          if (datasets) fields.datasets = datasets.length;
          else own.push('front matter datasets: expected a list of names');
        }
        const metrics = modelIndexMetrics(meta['model-index'], own);
        if (metrics) {
          fields.metrics = metrics;
          if (!areas['performance-metrics'].documented) {
            areas['performance-metrics'] = {
              documented: true,
              evidence: `${file} front matter model-index (${metrics} metrics)`,
            };
          }
        }
      }
    }
  }
  return {
    format: 'huggingface',
    areas,
    fields,
    problems: [
      ...problems.map(p => `${file} ${p}`),
      ...own.map(p => `${file} ${p}`),
    ],
  };
}

import {
  CheckResult,
  ComplianceExemption,
  EU_AI_ACT_DOCUMENTATION_AREAS,
  Facts,
  ParsedModelCard,
} from '@ai-platform/plugin-ai-platform-common';
import { QuotaApproval } from './facts/team';

/** One of the nine areas of the technical documentation, filled or marked missing. */
export interface EvidenceArea {
  id: string;
  title: string;
  status: 'documented' | 'MISSING';
  /** What documents it: the card's section, facts from the portal. */
  evidence: string[];
  /** When missing: what to add. */
  toAdd?: string;
}

/** The evidence pack of one model, rendered as Markdown and as PDF. */
export interface EvidencePack {
  entityRef: string;
  title?: string;
  ownerRef?: string;
  riskClass?: string;
  generatedAt: string;
  modelCard: { source?: string; format?: string; problems: string[] };
  areas: EvidenceArea[];
  evaluatedAt?: string;
  checks: CheckResult[];
  approvals: QuotaApproval[];
  exemptions: ComplianceExemption[];
  missing: string[];
}

/** What to add for each area when neither the card nor the portal documents it. */
const TO_ADD: Record<string, string> = {
  'general-description':
    "Describe the model and its intended purpose in the model card's first section (or register it in the portal with an intended purpose).",
  development:
    'Document how the model was built: architecture, training procedure, design choices and the compute used (GPU type and hours).',
  'monitoring-control':
    'Explain how the model is monitored and controlled in operation, and push drift windows to `POST /drift/windows`.',
  'performance-metrics':
    'Report evaluation metrics with their values, datasets and why they fit the purpose (Hugging Face `model-index`).',
  'risk-management':
    'Describe the known risks, limitations and mitigations, and set the `ai-platform.io/risk-level` annotation.',
  'data-governance':
    'Name the training datasets (`datasets:` front matter, `dependsOn` in the catalog) with their provenance, residency and encryption.',
  'human-oversight':
    'Name who oversees the model and how they can intervene (`ai-platform.io/human-oversight` annotation or the card).',
  'lifecycle-changes':
    'Keep a changelog of versions and retraining in the card.',
  'post-market-monitoring':
    'Describe how the model is followed after release: incidents, feedback and re-evaluation.',
};

/** A value as the pack prints it: fractions to three decimals, nothing as undefined. */
const show = (v: unknown) => {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' && !Number.isInteger(v)) {
    return String(Number(v.toFixed(3)));
  }
  return String(v);
};

/** Facts from the portal that document an area beside the card. */
function portalEvidence(areaId: string, facts: Facts): string[] {
  const out: string[] = [];
  const add = (label: string, name: string) => {
    const value = show(facts[name]?.value);
    if (value !== undefined && value !== 'false') {
      out.push(`${label}: ${value} (${facts[name].source})`);
    }
  };
  switch (areaId) {
    case 'development': {
      const kwh = show(facts['training.energyKwh']?.value);
      if (kwh !== undefined) {
        const estimated = Number(
          facts['training.energyEstimatedShare']?.value ?? 0,
        );
        const water = show(facts['training.waterLitres']?.value);
        out.push(
          `Training energy: ${kwh} kWh drawn by GPUs, ${show(
            facts['training.facilityEnergyKwh']?.value,
          )} kWh at the facility, ${show(
            facts['training.carbonKg']?.value,
          )} kg CO2e${water ? `, ${water} L of water` : ''}${
            estimated > 0
              ? `; ${Math.round(
                  estimated * 100,
                )} % estimated from GPU utilization`
              : ''
          } (${facts['training.energyKwh'].source})`,
        );
      }
      break;
    }
    case 'monitoring-control':
      if (facts['drift.monitored']?.value === true) {
        out.push(
          `Drift monitoring is on; status ${show(
            facts['drift.status']?.value,
          )} (drift)`,
        );
      }
      add('On call', 'entity.onCall');
      break;
    case 'risk-management':
      add('EU AI Act risk class', 'entity.riskClass');
      break;
    case 'data-governance':
      add('Training data (lineage)', 'lineage.datasetRefs');
      add('Data residency', 'dataset.residency');
      add('Encryption at rest', 'dataset.encryption');
      break;
    case 'human-oversight':
      add('Human oversight contact', 'entity.humanOversightContact');
      break;
    case 'lifecycle-changes':
      add('Lifecycle', 'entity.lifecycle');
      break;
    default:
  }
  return out;
}

/**
 * The evidence pack of one model: the nine areas from its card (a card section documents an
 * area) and the portal's facts (which add to it but do not replace a missing card section for the
 * areas the Act wants written down), its check results, the quota approvals of its team and its
 * exemptions, and a list of what is missing.
 */
export function evidencePackOf(input: {
  entityRef: string;
  title?: string;
  ownerRef?: string;
  facts: Facts;
  card?: ParsedModelCard;
  cardSource?: string;
  cardProblem?: string;
  evaluatedAt?: string;
  results: CheckResult[];
  approvals: QuotaApproval[];
  exemptions: ComplianceExemption[];
  now: Date;
}): EvidencePack {
  const { facts, card } = input;
  const areas: EvidenceArea[] = EU_AI_ACT_DOCUMENTATION_AREAS.map(area => {
    const fromCard = card?.areas[area.id];
    const evidence = [
      ...(fromCard?.documented
        ? [`Model card: ${fromCard.evidence ?? 'documented'}`]
        : []),
      ...portalEvidence(area.id, facts),
    ];
    const documented = Boolean(fromCard?.documented);
    return {
      id: area.id,
      title: area.title,
      status: documented ? 'documented' : 'MISSING',
      evidence,
      ...(documented ? {} : { toAdd: TO_ADD[area.id] }),
    };
  });
  const problems = [
    ...(input.cardProblem ? [input.cardProblem] : []),
    ...(card?.problems ?? []),
  ];
  const missing = [
    ...(card || input.cardProblem
      ? []
      : [
          'No model card: set the `ai-platform.io/model-card` annotation or register the model in the portal.',
        ]),
    ...problems.map(p => `Model card: ${p}`),
    ...areas
      .filter(a => a.status === 'MISSING')
      .map(a => `${a.title}: ${a.toAdd}`),
    ...input.results
      .filter(r => r.status === 'fail' || r.status === 'error')
      .map(r => `${r.title}: ${r.message}. ${r.remediation}`),
  ];
  return {
    entityRef: input.entityRef,
    title: input.title,
    ownerRef: input.ownerRef,
    riskClass: show(facts['entity.riskClass']?.value),
    generatedAt: input.now.toISOString(),
    modelCard: {
      source: input.cardSource,
      format: card?.format,
      problems,
    },
    areas,
    evaluatedAt: input.evaluatedAt,
    checks: input.results,
    approvals: input.approvals,
    exemptions: input.exemptions,
    missing,
  };
}

/** Text safe in a Markdown table cell. */
const cell = (v: unknown) =>
  (show(v) ?? '—').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function evidenceMarkdown(pack: EvidencePack): string {
  const lines: string[] = [];
  lines.push(`# Evidence pack: ${pack.title ?? pack.entityRef}`, '');
  lines.push(`- Entity: \`${pack.entityRef}\``);
  lines.push(`- Owner: ${pack.ownerRef ?? 'MISSING'}`);
  lines.push(`- EU AI Act risk class: ${pack.riskClass ?? 'MISSING'}`);
  lines.push(
    `- Model card: ${pack.modelCard.source ?? 'MISSING'}${
      pack.modelCard.format ? ` (${pack.modelCard.format})` : ''
    }`,
  );
  lines.push(`- Generated: ${pack.generatedAt}`);
  lines.push(`- Checks evaluated: ${pack.evaluatedAt ?? 'never'}`, '');
  lines.push('## Technical documentation (EU AI Act, Annex IV)', '');
  pack.areas.forEach((area, i) => {
    lines.push(`### ${i + 1}. ${area.title}`, '');
    lines.push(
      area.status === 'MISSING' ? `**MISSING** — ${area.toAdd}` : 'Documented.',
    );
    for (const e of area.evidence) lines.push(`- ${e}`);
    lines.push('');
  });
  lines.push('## Check results', '');
  lines.push(
    '| Check | Level | Category | Status | Value | Expected | Message |',
  );
  lines.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of pack.checks) {
    lines.push(
      `| ${cell(r.title)} | ${r.level} | ${cell(
        r.category,
      )} | ${r.status.toUpperCase()} | ${cell(r.value)} | ${cell(
        r.expected,
      )} | ${cell(r.message)} |`,
    );
  }
  if (!pack.checks.length) lines.push('| — | | | | | | Not evaluated yet |');
  lines.push(
    '',
    '## Audit trail',
    '',
    '### Quota approvals of the owning team',
    '',
  );
  if (pack.approvals.length) {
    lines.push(
      '| Request | GPUs | Cluster | Status | Decided by | Decided at |',
    );
    lines.push('| --- | --- | --- | --- | --- | --- |');
    for (const a of pack.approvals) {
      lines.push(
        `| ${cell(a.id)} | ${a.gpuCount} × ${cell(a.gpuModel)} | ${cell(
          a.clusterRef,
        )} | ${a.status} | ${cell(a.decidedBy)} | ${cell(a.decidedAt)} |`,
      );
    }
  } else lines.push('None.');
  lines.push('', '### Exemptions', '');
  if (pack.exemptions.length) {
    lines.push('| Check | Reason | Approved by | Expires | Recorded |');
    lines.push('| --- | --- | --- | --- | --- |');
    for (const e of pack.exemptions) {
      lines.push(
        `| ${cell(e.checkId)} | ${cell(e.reason)} | ${cell(e.approvedBy)} | ${
          e.expiresAt
        } | ${e.createdAt} |`,
      );
    }
  } else lines.push('None.');
  lines.push('', '## What is missing', '');
  if (pack.missing.length) for (const m of pack.missing) lines.push(`- ${m}`);
  else lines.push('Nothing.');
  lines.push('');
  return lines.join('\n');
}

// pdfmake's server build has no ES module types that fit its runtime object.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const pdfmake = require('pdfmake');

const HELVETICA = {
  normal: 'Helvetica',
  bold: 'Helvetica-Bold',
  italics: 'Helvetica-Oblique',
  bolditalics: 'Helvetica-BoldOblique',
};
const STANDARD_FONTS: string[] = Object.values(HELVETICA);
pdfmake.setFonts({ Helvetica: HELVETICA });
// No URL is fetched and no file read for a pack: only PDF's built-in fonts pass, by name.
pdfmake.setUrlAccessPolicy?.(() => false);
pdfmake.setLocalAccessPolicy?.((file: string) => STANDARD_FONTS.includes(file));

/** The same pack as a PDF (pdfmake, the standard Helvetica fonts). */
export async function evidencePdf(pack: EvidencePack): Promise<Buffer> {
  const table = (header: string[], rows: string[][], widths?: any[]) => ({
    table: {
      headerRows: 1,
      widths: widths ?? header.map(() => '*'),
      body: [
        header.map(h => ({ text: h, bold: true })),
        ...(rows.length ? rows : [header.map((_, i) => (i ? '' : 'None'))]),
      ],
    },
    layout: 'lightHorizontalLines',
    fontSize: 8,
    margin: [0, 4, 0, 10],
  });
  const content: any[] = [
    { text: `Evidence pack: ${pack.title ?? pack.entityRef}`, style: 'h1' },
    {
      ul: [
        `Entity: ${pack.entityRef}`,
        `Owner: ${pack.ownerRef ?? 'MISSING'}`,
        `EU AI Act risk class: ${pack.riskClass ?? 'MISSING'}`,
        `Model card: ${pack.modelCard.source ?? 'MISSING'}`,
        `Generated: ${pack.generatedAt}`,
        `Checks evaluated: ${pack.evaluatedAt ?? 'never'}`,
      ],
      margin: [0, 0, 0, 10],
    },
    { text: 'Technical documentation (EU AI Act, Annex IV)', style: 'h2' },
    ...pack.areas.flatMap((area, i) => [
      { text: `${i + 1}. ${area.title}`, style: 'h3' },
      area.status === 'MISSING'
        ? {
            text: [
              { text: 'MISSING', bold: true, color: '#b00020' },
              ` — ${area.toAdd}`,
            ],
          }
        : { text: 'Documented.', color: '#1b5e20' },
      ...(area.evidence.length ? [{ ul: area.evidence, fontSize: 9 }] : []),
    ]),
    { text: 'Check results', style: 'h2' },
    table(
      ['Check', 'Level', 'Status', 'Value', 'Message'],
      pack.checks.map(r => [
        r.title,
        r.level,
        r.status.toUpperCase(),
        show(r.value) ?? '—',
        r.message,
      ]),
      ['*', 'auto', 'auto', 'auto', '*'],
    ),
    { text: 'Audit trail: quota approvals of the owning team', style: 'h2' },
    table(
      ['Request', 'GPUs', 'Status', 'Decided by', 'Decided at'],
      pack.approvals.map(a => [
        a.id,
        `${a.gpuCount} × ${a.gpuModel}`,
        a.status,
        a.decidedBy ?? '—',
        a.decidedAt ?? '—',
      ]),
    ),
    { text: 'Audit trail: exemptions', style: 'h2' },
    table(
      ['Check', 'Reason', 'Approved by', 'Expires'],
      pack.exemptions.map(e => [
        e.checkId,
        e.reason,
        e.approvedBy,
        e.expiresAt,
      ]),
    ),
    { text: 'What is missing', style: 'h2' },
    pack.missing.length
      ? { ul: pack.missing, fontSize: 9 }
      : { text: 'Nothing.' },
  ];
  return pdfmake
    .createPdf({
      content,
      defaultStyle: { font: 'Helvetica', fontSize: 10 },
      styles: {
        h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
        h2: { fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
        h3: { fontSize: 11, bold: true, margin: [0, 6, 0, 2] },
      },
      info: { title: `Evidence pack: ${pack.entityRef}` },
    })
    .getBuffer();
}

import {
  CheckStatus,
  ComplianceLevel,
} from '@ai-platform/plugin-ai-platform-common';
import Chip from '@mui/material/Chip';

/** A scorecard's level, or none reached. */
export type LevelReached = ComplianceLevel | 'none';

/** Lowest first, as a team's counts and the checks list show them. */
export const LEVELS_SHOWN: LevelReached[] = [
  'none',
  'bronze',
  'silver',
  'gold',
];

const LEVEL_STYLE: Record<LevelReached, { bg: string; fg: string }> = {
  gold: { bg: '#d4a017', fg: '#000' },
  silver: { bg: '#a8a9ad', fg: '#000' },
  bronze: { bg: '#a0522d', fg: '#fff' },
  none: { bg: '#e0e0e0', fg: '#424242' },
};

export function levelLabel(level: LevelReached): string {
  return level === 'none'
    ? 'No level'
    : level.charAt(0).toLocaleUpperCase('en-US') + level.slice(1);
}

/** The level as a coloured badge. */
export function LevelBadge(props: {
  level: LevelReached;
  size?: 'small' | 'medium';
  count?: number;
}) {
  const { level, size = 'small', count } = props;
  const style = LEVEL_STYLE[level];
  return (
    <Chip
      size={size}
      label={
        count === undefined
          ? levelLabel(level)
          : `${levelLabel(level)} ${count}`
      }
      data-testid={`level-${level}`}
      sx={{ bgcolor: style.bg, color: style.fg, fontWeight: 600 }}
    />
  );
}

// Category ids whose heading is not the id in words.
const CATEGORY_TITLES: Record<string, string> = { 'eu-ai-act': 'EU AI Act' };

/** A category id as a heading: `eu-ai-act` is "EU AI Act", `data-governance` "Data governance". */
export function categoryLabel(category: string): string {
  const words = category.replace(/[-_]+/g, ' ');
  return (
    CATEGORY_TITLES[category] ??
    words.charAt(0).toLocaleUpperCase('en-US') + words.slice(1)
  );
}

/** "3 passed, 1 failed, 1 exempt, 1 error", leaving out zero exempt and errors. */
export function countsText(counts: Record<CheckStatus, number>): string {
  const parts = [`${counts.pass} passed`, `${counts.fail} failed`];
  if (counts.exempt) parts.push(`${counts.exempt} exempt`);
  if (counts.error) {
    parts.push(`${counts.error} ${counts.error === 1 ? 'error' : 'errors'}`);
  }
  return parts.join(', ');
}

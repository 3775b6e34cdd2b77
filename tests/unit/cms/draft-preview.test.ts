import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDraft } from '../../../functions/cms/draft-preview.ts';
import { exportContent } from '../../../functions/cms/export-content.ts';
import { loadConfig } from '../../../functions/config/load-config.ts';
import {
  type SanityStandIn,
  type StandInDocument,
  startSanityStandIn,
} from '../../helpers/sanity-stand-in.ts';

const TOKEN = 'preview-token';
let standIn: SanityStandIn;
const config = (env: Record<string, string> = {}) =>
  loadConfig({
    SANITY_PROJECT_ID: 'waymark',
    SANITY_DATASET: 'production',
    SANITY_API_HOST: standIn.url,
    SANITY_READ_TOKEN: TOKEN,
    ...env,
  });

beforeAll(async () => {
  const documents = (await exportContent()) as StandInDocument[];
  const original = documents.find((d) => d._id === 'guide.warning-signs.en')!;
  documents.push({
    ...original,
    _id: 'drafts.guide.warning-signs.en',
    title: 'A draft title',
    summary: 'too short',
    body: 'New **draft** text with a [link](~/help/).',
  });
  standIn = await startSanityStandIn({ documents, token: TOKEN });
});
afterAll(() => standIn.close());

describe('draft preview', () => {
  it('shows the draft, rendered, with what would stop the build', async () => {
    const preview = await loadDraft(config(), 'guide', 'guide.warning-signs.en');
    expect(preview.state).toBe('ok');
    if (preview.state !== 'ok') return;
    expect(preview.isDraft).toBe(true);
    expect(preview.fields.title).toBe('A draft title');
    expect(preview.html).toContain('<strong>draft</strong>');
    expect(preview.problems.map((p) => p.field)).toEqual(['summary']);
  });

  it('shows a document without a draft as published', async () => {
    const preview = await loadDraft(config(), 'guide', 'guide.warning-signs.fr');
    expect(preview).toMatchObject({ state: 'ok', isDraft: false, problems: [] });
  });

  it('says what is missing instead of failing', async () => {
    expect(await loadDraft(loadConfig({}), 'guide', 'guide.warning-signs.en')).toEqual({
      state: 'unconfigured',
    });
    const withoutToken = loadConfig({ SANITY_PROJECT_ID: 'waymark', SANITY_DATASET: 'production' });
    expect(await loadDraft(withoutToken, 'guide', 'guide.warning-signs.en')).toEqual({ state: 'no-token' });
    for (const [type, id] of [
      ['guide', 'guide.no-such-guide.en'],
      ['nonsense', 'guide.warning-signs.en'],
      ['guide', 'drafts.guide.warning-signs.en'],
      ['guide', '../../etc/passwd'],
      ['campaign', 'guide.warning-signs.en'],
    ]) {
      expect(await loadDraft(config(), type!, id!), `${type} ${id}`).toEqual({ state: 'not-found' });
    }
  });

  it('does not read drafts with a wrong token', async () => {
    const preview = await loadDraft(
      config({ SANITY_READ_TOKEN: 'wrong' }),
      'guide',
      'guide.warning-signs.en',
    );
    expect(preview).toEqual({ state: 'unavailable' });
  });
});

/**
 * The help centre in the agent app (/help-centre, supervisors): the
 * knowledge-base editor (drafts, preview, publish), its categories, the
 * public natures of the contact form, and each département's site settings
 * with its embed snippet. Loaded on demand (React.lazy).
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Code,
  Fieldset,
  Grid,
  Group,
  Loader,
  MultiSelect,
  NavLink,
  Paper,
  Select,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { KbArticleDto, KbArticleInput, PortalSiteDto } from '@shared/portal-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { type KnowledgeBaseDto, portalApi, portalKeys } from '../../api/portal.ts';
import { articleStatus, articleStatusColors } from './article-status.ts';
import { CategoriesPanel } from './categories-panel.tsx';
import { FailedAlert } from './failed-alert.tsx';
import { useHelpCentreI18n } from './help-centre-i18n.ts';
import { NaturesPanel } from './natures-panel.tsx';
import { StarterReview } from './starter-review.tsx';

const departements = ['44', '35', '49', '56', '29', '22', '85', '72', '53'];

export function HelpCentrePage() {
  const { h } = useHelpCentreI18n();
  return (
    <Stack gap="lg">
      <Title order={1}>{h.pageTitle}</Title>
      <Tabs defaultValue="articles" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="articles">{h.articlesTab}</Tabs.Tab>
          <Tabs.Tab value="categories">{h.categoriesTab}</Tabs.Tab>
          <Tabs.Tab value="natures">{h.naturesTab}</Tabs.Tab>
          <Tabs.Tab value="sites">{h.sitesTab}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="articles" pt="md">
          <ArticlesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="categories" pt="md">
          <CategoriesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="natures" pt="md">
          <NaturesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="sites" pt="md">
          <SitesPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function statusOf(article: KbArticleDto, h: ReturnType<typeof useHelpCentreI18n>['h']) {
  const status = articleStatus(article);
  const labels = {
    review: h.statusReview,
    draft: h.statusDraft,
    changed: h.statusChanged,
    published: h.statusPublished,
  };
  return { label: labels[status], color: articleStatusColors[status] };
}

function ArticlesPanel() {
  const { t, h } = useHelpCentreI18n();
  const kb = useQuery({ queryKey: portalKeys.knowledgeBase, queryFn: portalApi.knowledgeBase });
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  // the editor of a new article is replaced by the saved article's: it says so
  const [created, setCreated] = useState<string | null>(null);
  if (kb.isPending) return <Loader aria-label={t.loading} role="status" />;
  if (kb.isError)
    return (
      <Alert color="red" role="alert">
        {t.loadFailed}
      </Alert>
    );
  const current = kb.data.articles.find((a) => a.id === selected);
  return (
    <Grid>
      <Grid.Col span={12}>
        <StarterReview articles={kb.data.articles} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="xs" component="nav" aria-label={h.articleList}>
          <Button variant="light" onClick={() => setSelected('new')}>
            {h.newArticle}
          </Button>
          {kb.data.articles.map((article) => {
            const status = statusOf(article, h);
            return (
              <NavLink
                key={article.id}
                component="button"
                active={article.id === selected}
                aria-current={article.id === selected ? 'true' : undefined}
                onClick={() => setSelected(article.id)}
                label={article.title}
                description={
                  <Group gap={4} component="span">
                    <Badge
                      size="xs"
                      color={status.color}
                      variant="light"
                      c="dark.8"
                      component="span"
                    >
                      {status.label}
                    </Badge>
                  </Group>
                }
              />
            );
          })}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        {selected === 'new' && (
          <ArticleEditor
            key="new"
            kb={kb.data}
            onSaved={(a) => {
              setCreated(a.id);
              setSelected(a.id);
            }}
          />
        )}
        {current && (
          <ArticleEditor
            key={current.id}
            kb={kb.data}
            article={current}
            created={created === current.id}
            onSaved={() => {}}
          />
        )}
      </Grid.Col>
    </Grid>
  );
}

const emptyInput: KbArticleInput = {
  slug: '',
  title: '',
  body: '',
  categoryId: null,
  departement: null,
  natureKeys: [],
  position: 0,
};

function ArticleEditor({
  kb,
  article,
  created = false,
  onSaved,
}: {
  kb: KnowledgeBaseDto;
  article?: KbArticleDto;
  /** Just created by the "new article" editor: shown as saved. */
  created?: boolean;
  onSaved: (article: KbArticleDto) => void;
}) {
  const { h } = useHelpCentreI18n();
  const queryClient = useQueryClient();
  const [input, setInput] = useState<KbArticleInput>(article ? { ...article } : emptyInput);
  const [previewHtml, setPreviewHtml] = useState<string | null>(null);
  const set = (patch: Partial<KbArticleInput>) => setInput((current) => ({ ...current, ...patch }));
  const refresh = (saved: KbArticleDto) => {
    void queryClient.invalidateQueries({ queryKey: portalKeys.knowledgeBase });
    // the categories tab counts the articles of each category
    void queryClient.invalidateQueries({ queryKey: portalKeys.categories });
    onSaved(saved);
  };
  const save = useMutation({
    mutationFn: () => (article ? portalApi.save(article.id, input) : portalApi.create(input)),
    onSuccess: refresh,
  });
  const publish = useMutation({
    mutationFn: async () => {
      const saved = article
        ? await portalApi.save(article.id, input)
        : await portalApi.create(input);
      return portalApi.publish(saved.id);
    },
    onSuccess: refresh,
  });
  const unpublish = useMutation({
    mutationFn: () => portalApi.unpublish(article?.id ?? ''),
    onSuccess: refresh,
  });
  const preview = useMutation({
    mutationFn: () => portalApi.preview(input.body),
    onSuccess: (r) => setPreviewHtml(r.html),
  });
  const failure = [save, publish, unpublish, preview].find((m) => m.isError)?.error;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={onSubmit}>
      <Stack gap="sm">
        {article?.needsReview && (
          <Alert color="orange" title={h.statusReview}>
            {h.needsReview}
          </Alert>
        )}
        <TextInput
          label={h.titleLabel}
          required
          value={input.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
        />
        <TextInput
          label={h.slugLabel}
          required
          value={input.slug}
          onChange={(e) => set({ slug: e.currentTarget.value })}
        />
        <Group grow align="flex-start">
          <Select
            label={h.categoryLabel}
            data={[
              { value: '', label: h.noCategory },
              ...kb.categories.map((c) => ({ value: c.id, label: c.title })),
            ]}
            value={input.categoryId ?? ''}
            onChange={(value) => set({ categoryId: value || null })}
            allowDeselect={false}
          />
          <Select
            label={h.departementLabel}
            data={[
              { value: '', label: h.allDepartements },
              ...departements.map((d) => ({ value: d, label: d })),
            ]}
            value={input.departement ?? ''}
            onChange={(value) => set({ departement: value || null })}
            allowDeselect={false}
          />
        </Group>
        <MultiSelect
          label={h.naturesLabel}
          data={kb.natures.map((n) => ({ value: n.key, label: n.label }))}
          value={input.natureKeys}
          onChange={(natureKeys) => set({ natureKeys })}
          searchable
        />
        <Textarea
          label={h.bodyLabel}
          autosize
          minRows={10}
          value={input.body}
          onChange={(e) => set({ body: e.currentTarget.value })}
        />
        <FailedAlert error={failure} />
        {(save.isSuccess || publish.isSuccess || (created && save.isIdle && publish.isIdle)) && (
          <Text role="status" c="teal.9">
            {h.saved}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {h.save}
          </Button>
          <Button
            type="button"
            color="teal.9"
            loading={publish.isPending}
            onClick={() => publish.mutate()}
          >
            {h.publish}
          </Button>
          {article?.published && (
            <Button type="button" variant="default" onClick={() => unpublish.mutate()}>
              {h.unpublish}
            </Button>
          )}
          <Button type="button" variant="subtle" onClick={() => preview.mutate()}>
            {h.preview}
          </Button>
        </Group>
        {previewHtml !== null && (
          <Paper withBorder p="sm" aria-label={h.preview} component="section">
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitised it (portal/markdown.ts), exactly as the public page shows it */}
            <div dangerouslySetInnerHTML={{ __html: previewHtml }} />
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}

function SitesPanel() {
  const { t } = useHelpCentreI18n();
  const sites = useQuery({ queryKey: portalKeys.sites, queryFn: portalApi.sites });
  if (sites.isPending) return <Loader aria-label={t.loading} role="status" />;
  if (sites.isError)
    return (
      <Alert color="red" role="alert">
        {t.loadFailed}
      </Alert>
    );
  return (
    <Stack gap="md">
      {sites.data.sites.map((site) => (
        <SiteSettings key={site.departement} site={site} />
      ))}
    </Stack>
  );
}

function SiteSettings({ site }: { site: PortalSiteDto }) {
  const { h } = useHelpCentreI18n();
  const queryClient = useQueryClient();
  const [name, setName] = useState(site.name);
  const [colorPrimary, setColorPrimary] = useState(site.colorPrimary);
  const [colorAccent, setColorAccent] = useState(site.colorAccent);
  const [intro, setIntro] = useState(site.intro);
  const [origins, setOrigins] = useState(site.embedOrigins.join('\n'));
  const [enabled, setEnabled] = useState(site.enabled);
  useEffect(() => setName(site.name), [site.name]);
  const save = useMutation({
    mutationFn: () =>
      portalApi.saveSite(site.departement, {
        name,
        colorPrimary,
        colorAccent,
        intro,
        embedOrigins: origins
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean),
        enabled,
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: portalKeys.sites }),
  });
  const snippet = `<script src="${window.location.origin}/aide/embed.js" data-departement="${site.departement}" async></script>`;
  return (
    <Fieldset legend={`${site.departement} — ${site.name}`}>
      <Stack gap="sm">
        <TextInput
          label={h.siteName}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Group grow>
          <TextInput
            label={h.colorPrimary}
            value={colorPrimary}
            onChange={(e) => setColorPrimary(e.currentTarget.value)}
          />
          <TextInput
            label={h.colorAccent}
            value={colorAccent}
            onChange={(e) => setColorAccent(e.currentTarget.value)}
          />
        </Group>
        <Textarea
          label={h.intro}
          autosize
          minRows={2}
          value={intro}
          onChange={(e) => setIntro(e.currentTarget.value)}
        />
        <Textarea
          label={h.embedOrigins}
          autosize
          minRows={2}
          value={origins}
          onChange={(e) => setOrigins(e.currentTarget.value)}
        />
        <Checkbox
          label={h.enabled}
          checked={enabled}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
        />
        <Text size="sm" fw={600}>
          {h.snippet}
        </Text>
        <Code block>{snippet}</Code>
        <FailedAlert error={save.error} />
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {h.saveSite}
          </Button>
          <Anchor href={`/aide/${site.departement}`} target="_blank" rel="noopener">
            {h.openSite}
          </Anchor>
          {save.isSuccess && <Text role="status">{h.saved}</Text>}
        </Group>
      </Stack>
    </Fieldset>
  );
}

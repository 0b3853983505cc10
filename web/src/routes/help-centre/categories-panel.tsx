/**
 * The knowledge-base categories tab of the help-centre editor: add one,
 * rename it (title, address, description), set the order, delete an empty
 * one. The order is the order of the public home page's sections.
 */
import {
  Alert,
  Badge,
  Button,
  Fieldset,
  Group,
  Loader,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { KbCategoryAdminDto } from '@shared/portal-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { portalApi, portalKeys } from '../../api/portal.ts';
import { FailedAlert } from './failed-alert.tsx';
import { useHelpCentreI18n } from './help-centre-i18n.ts';
import { OrderButtons, useReorder } from './order-buttons.tsx';

export function CategoriesPanel() {
  const { t, h } = useHelpCentreI18n();
  const queryClient = useQueryClient();
  const categories = useQuery({ queryKey: portalKeys.categories, queryFn: portalApi.categories });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: portalKeys.categories });
    // the article editor's category list
    void queryClient.invalidateQueries({ queryKey: portalKeys.knowledgeBase });
  };
  const order = useReorder({
    queryKey: portalKeys.categories,
    save: portalApi.reorderCategories,
    onSaved: refresh,
  });
  if (categories.isPending) return <Loader aria-label={t.loading} role="status" />;
  if (categories.isError)
    return (
      <Alert color="red" role="alert">
        {t.loadFailed}
      </Alert>
    );
  const list = categories.data.categories;
  return (
    <Stack gap="md">
      <Text size="sm">{h.categoriesIntro}</Text>
      <NewCategory onCreated={refresh} />
      <FailedAlert error={order.error} />
      <Text role="status" size="sm">
        {order.status ?? ''}
      </Text>
      {list.map((category, index) => (
        <CategoryEditor
          key={category.id}
          category={category}
          order={
            <OrderButtons
              id={category.id}
              name={category.title}
              index={index}
              count={list.length}
              busy={order.busy}
              onMove={(delta) =>
                order.move(
                  list.map((c) => c.id),
                  index,
                  delta,
                  category.id,
                )
              }
            />
          }
          onChanged={refresh}
          onDeleted={() => {
            order.setStatus(h.deleted);
            refresh();
          }}
        />
      ))}
    </Stack>
  );
}

/** A category's title and address (slug), side by side, in both forms. */
function TitleAndSlug(props: {
  title: string;
  slug: string;
  onTitle: (title: string) => void;
  onSlug: (slug: string) => void;
}) {
  const { h } = useHelpCentreI18n();
  return (
    <Group grow align="flex-start">
      <TextInput
        label={h.categoryTitle}
        required
        maxLength={200}
        value={props.title}
        onChange={(e) => props.onTitle(e.currentTarget.value)}
      />
      <TextInput
        label={h.categorySlug}
        required
        maxLength={100}
        value={props.slug}
        onChange={(e) => props.onSlug(e.currentTarget.value)}
      />
    </Group>
  );
}

function NewCategory({ onCreated }: { onCreated: () => void }) {
  const { h } = useHelpCentreI18n();
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  const create = useMutation({
    mutationFn: () => portalApi.createCategory({ title, slug, description: '' }),
    onSuccess: () => {
      setTitle('');
      setSlug('');
      onCreated();
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={onSubmit}>
      <Fieldset legend={h.newCategory}>
        <Stack gap="sm">
          <TitleAndSlug title={title} slug={slug} onTitle={setTitle} onSlug={setSlug} />
          <FailedAlert error={create.error} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {h.addCategory}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </form>
  );
}

function CategoryEditor({
  category,
  order,
  onChanged,
  onDeleted,
}: {
  category: KbCategoryAdminDto;
  order: ReactNode;
  onChanged: () => void;
  onDeleted: () => void;
}) {
  const { h } = useHelpCentreI18n();
  const [title, setTitle] = useState(category.title);
  const [slug, setSlug] = useState(category.slug);
  const [description, setDescription] = useState(category.description);
  const save = useMutation({
    mutationFn: () => portalApi.saveCategory(category.id, { title, slug, description }),
    onSuccess: onChanged,
  });
  const remove = useMutation({
    mutationFn: () => portalApi.deleteCategory(category.id),
    onSuccess: onDeleted,
  });
  const failure = save.error ?? remove.error;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const hintId = `category-${category.id}-count`;
  return (
    <form onSubmit={onSubmit}>
      <Fieldset legend={category.title}>
        <Stack gap="sm">
          <Group justify="space-between">
            <Badge variant="light" color="gray" id={hintId}>
              {h.articleCount(category.articles)}
            </Badge>
            {order}
          </Group>
          <TitleAndSlug title={title} slug={slug} onTitle={setTitle} onSlug={setSlug} />
          <TextInput
            label={h.categoryDescription}
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <FailedAlert error={failure} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {h.saveSite}
            </Button>
            <Button
              type="button"
              variant="default"
              color="red"
              disabled={category.articles > 0}
              aria-label={`${h.remove} « ${category.title} »`}
              aria-describedby={category.articles > 0 ? hintId : undefined}
              loading={remove.isPending}
              onClick={() => remove.mutate()}
            >
              {h.remove}
            </Button>
            {category.articles > 0 && <Text size="sm">{h.notEmpty}</Text>}
            {save.isSuccess && <Text role="status">{h.saved}</Text>}
          </Group>
        </Stack>
      </Fieldset>
    </form>
  );
}

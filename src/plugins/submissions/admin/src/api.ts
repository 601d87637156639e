import { useCallback, useEffect, useState } from 'react';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import type { Action } from '../../shared/workflow';
import type {
  ActionBody,
  QueueResponse,
  SubmissionSummary,
  SubmissionView,
  TemplateResponse,
  WorkflowSettings,
} from './contracts';
import type { TemplateSection } from '../../shared/template';

/** The message the server gave (409 conflicts, 400 field errors, 403 refusals), or a generic one. */
export function errorMessage(error: unknown): string {
  const response = (error as { response?: { data?: { error?: { message?: string } } } })?.response;
  return response?.data?.error?.message ?? (error instanceof Error ? error.message : 'Something went wrong');
}

/** The editors' admin API (/submissions/... on the admin API), typed. */
export function useSubmissionsApi() {
  const { get, post, put } = useFetchClient();
  return {
    queue: async (params: Record<string, string>) =>
      (await get<{ data: QueueResponse }>('/submissions/queue', { params })).data.data,
    submission: async (id: string) =>
      (await get<{ data: SubmissionView }>(`/submissions/items/${encodeURIComponent(id)}`)).data.data,
    act: async (id: string, action: Action, body: ActionBody) =>
      (
        await post<{ data: SubmissionView }>(
          `/submissions/items/${encodeURIComponent(id)}/actions/${action}`,
          body
        )
      ).data.data,
    /** The file's bytes (the admin API needs the editor's token, so a plain link cannot fetch it). */
    attachment: async (id: string, fileId: string) =>
      (
        await get<Blob>(
          `/submissions/items/${encodeURIComponent(id)}/attachments/${encodeURIComponent(fileId)}`,
          { responseType: 'blob' }
        )
      ).data,
    chooseCover: async (id: string, body: { version: number; coverAttachment: string | null }) =>
      (await put<{ data: SubmissionView }>(`/submissions/items/${encodeURIComponent(id)}/cover`, body)).data
        .data,
    byCaseStudy: async (documentId: string) =>
      (
        await get<{ data: SubmissionSummary | null }>(
          `/submissions/by-case-study/${encodeURIComponent(documentId)}`
        )
      ).data.data,
    template: async () => (await get<{ data: TemplateResponse }>('/submissions/template')).data.data,
    publishTemplate: async (sections: TemplateSection[]) =>
      (await post<{ data: { version: number } }>('/submissions/template', { sections })).data.data,
    settings: async () => (await get<{ data: WorkflowSettings }>('/submissions/settings')).data.data,
    saveSettings: async (settings: WorkflowSettings) =>
      (await put<{ data: WorkflowSettings }>('/submissions/settings', settings)).data.data,
  };
}

/** Loads once per change of `key`; `reload` fetches again; `replace` sets data from a write's answer. */
export function useLoaded<T>(load: () => Promise<T>, key: string) {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error) => current && setState({ error: errorMessage(error), loading: false })
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` says when what it loads has changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const replace = useCallback((data: T) => setState({ data, loading: false }), []);
  return { ...state, reload, replace };
}

/** Runs a write, telling the editor how it went; `busy` while it runs, for the button. */
export function useSaving() {
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = useState(false);
  const save = async (write: () => Promise<string>) => {
    setBusy(true);
    try {
      toggleNotification({ type: 'success', message: await write() });
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
    setBusy(false);
  };
  return { busy, save };
}

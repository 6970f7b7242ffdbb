import { useCallback } from 'react';
import { useMutation } from 'urql';
import type { ToastMessage } from '../../components/toast';
import { MergeIssuesMutation } from '../../graphql/documents/issue-views';

/** Merges the selected issues (into the one with the most events), clears the selection and says where they went. */
export function useMergeIssues(clearSelection: () => void, showToast: (toast: ToastMessage) => void) {
  const [state, run] = useMutation(MergeIssuesMutation);
  const merge = useCallback(
    async (ids: string[]) => {
      if (ids.length < 2) return;
      const result = await run({ issueIds: ids });
      const primary = result.data?.mergeIssues;
      if (result.error || !primary) {
        showToast({ id: Date.now(), text: `Merge failed: ${result.error?.graphQLErrors[0]?.message ?? result.error?.message ?? 'no answer'}` });
        return;
      }
      clearSelection();
      showToast({ id: Date.now(), text: `Merged ${ids.length} issues into ${primary.shortId}.` });
    },
    [run, clearSelection, showToast],
  );
  return { merge, merging: state.fetching };
}

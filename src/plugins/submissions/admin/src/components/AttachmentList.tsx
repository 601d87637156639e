import { useEffect, useState } from 'react';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import type { AttachmentView } from '../../../shared/attachments';
import { errorMessage, useSubmissionsApi } from '../api';
import { fileSize } from '../format';

/** An image attachment, fetched with the editor's token (the admin API has no cookie a plain <img> could use). */
function Thumbnail({ submissionId, file }: { submissionId: string; file: AttachmentView }) {
  const api = useSubmissionsApi();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    api.attachment(submissionId, file.id).then(
      (blob) => setSrc((url = URL.createObjectURL(blob))),
      () => setSrc(null)
    );
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
    // The file never changes under its id.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [submissionId, file.id]);
  return src ? (
    <img
      src={src}
      alt={`${file.name} (uploaded image)`}
      style={{ maxWidth: 160, maxHeight: 120, borderRadius: 4 }}
    />
  ) : null;
}

/** The submission's files: images shown, everything downloadable, and the cover image marked or chosen. */
export function AttachmentList({
  submissionId,
  files,
  onChooseCover,
}: {
  submissionId: string;
  files: AttachmentView[];
  /** Set when this editor may choose the cover now. */
  onChooseCover?: (fileId: string | null) => Promise<void>;
}) {
  const api = useSubmissionsApi();
  const [problem, setProblem] = useState<string | null>(null);
  const download = async (file: AttachmentView) => {
    try {
      const url = URL.createObjectURL(await api.attachment(submissionId, file.id));
      const link = Object.assign(document.createElement('a'), { href: url, download: file.name });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };
  if (files.length === 0)
    return (
      <Typography tag="p" textColor="neutral600" style={{ fontStyle: 'italic' }}>
        No files
      </Typography>
    );
  return (
    <Flex tag="ul" direction="column" alignItems="stretch" gap={3}>
      {files.map((file) => (
        <Flex tag="li" key={file.id} gap={3} alignItems="center" wrap="wrap" data-attachment={file.name}>
          {file.isImage && <Thumbnail submissionId={submissionId} file={file} />}
          <Box>
            <Typography fontWeight="bold" tag="p">
              {file.name}
            </Typography>
            <Typography variant="pi" textColor="neutral600" tag="p">
              {file.mime} · {fileSize(file.size)}
              {file.isCover && ' · Cover image'}
            </Typography>
          </Box>
          <Button
            variant="tertiary"
            startIcon={<Download />}
            aria-label={`Download ${file.name}`}
            onClick={() => download(file)}
          >
            Download
          </Button>
          {onChooseCover && file.isImage && (
            <Button
              variant="secondary"
              aria-label={`${file.isCover ? 'Remove as cover' : 'Use as cover'}: ${file.name}`}
              onClick={() => onChooseCover(file.isCover ? null : file.id)}
            >
              {file.isCover ? 'Remove as cover' : 'Use as cover'}
            </Button>
          )}
        </Flex>
      ))}
      {problem && <Typography textColor="danger600">{problem}</Typography>}
    </Flex>
  );
}

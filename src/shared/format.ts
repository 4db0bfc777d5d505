/** A byte count as people read it: 「512 KB」, 「50 MB」, 「1.5 MB」. */
export function fileSizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The message for a file over the upload limit. */
export const tooLargeMessage = (limitBytes: number) => `文件超过 ${fileSizeText(limitBytes)} 的上限，请压缩或拆分后再上传`;

import { canonicalForm } from '../feeds/canonical-text';

// The rows a government report form has around its table, told by their filled cells.

/** The first cells of a form's signature block, in canonical form (`Thủ trưởng đơn vị` → `thu_truong_don_vi`). */
const SIGNATURE =
  /^(nguoi_lap(_bieu)?|nguoi_duyet|thu_truong|ke_toan_truong|(pho_)?giam_doc|(pho_)?chu_tich|truong_phong|xac_nhan|ky_ho_ten|ky_ghi_ro_ho_ten|(tm|kt|tl|tuq)_.+)(_|$)|(^|_)ngay(_\d+)?_thang(_\d+)?_nam(_\d+)?$/;

/** Whether the filled cells number the columns: `(1) (2) (3)…` or `1 2 3…`, or `A B C…`, three or more. */
export function isColumnNumberRow(filled: readonly string[]): boolean {
  if (filled.length < 3) return false;
  return filled.every((cell, i) => {
    const label = /^\(?([0-9]+|[A-Za-z])\)?$/.exec(cell)?.[1];
    if (label === undefined) return false;
    return /[0-9]/.test(label) ? Number(label) === i + 1 : label.toUpperCase().charCodeAt(0) === 65 + i;
  });
}

/** Whether a row's filled cells start a signature block: the place and date, `Người lập biểu`, `(Ký, họ tên)`. */
export function startsSignature(filled: readonly string[]): boolean {
  return filled.some((cell) => SIGNATURE.test(canonicalForm(cell)));
}

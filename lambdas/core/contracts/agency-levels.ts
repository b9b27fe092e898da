/**
 * The level of government a connected agency (or a video-conference room) belongs to: the
 * province's Party, council and committee offices; its departments and their units; the
 * district-level agencies, until districts were abolished on 1 July 2025; communes and wards.
 * A file of its own, without zod, so the dashboard's bundle can import it.
 */
export const AGENCY_LEVELS = ['province', 'department', 'district', 'commune'] as const;

export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

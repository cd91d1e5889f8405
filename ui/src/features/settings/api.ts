/**
 * Account, household and storage endpoints (SPEC §4b). Typed by hand from the SPEC until the
 * generated schema has them; `isUnavailable` tells when this server does not offer one yet.
 */
import { ApiError, requestJson } from "../../api/http";
import type { SessionUser } from "../auth/api";

export interface ProfileUpdate {
  display_name?: string;
  locale?: string;
}

export interface PasswordChange {
  current_password: string;
  new_password: string;
}

export interface Stats {
  photos: number;
  videos: number;
  bytes_original: number;
  bytes_derived: number;
  trash_count: number;
  failed: number;
}

/** A member of the household as the admin sees them. */
export interface Member {
  id: string;
  email: string;
  display_name: string;
  is_admin: boolean;
  is_active: boolean;
}

export interface MemberCreate {
  email: string;
  password: string;
  display_name?: string;
  is_admin?: boolean;
}

export interface MemberUpdate {
  is_active?: boolean;
  is_admin?: boolean;
  display_name?: string;
}

export const statsKey = ["stats"] as const;
export const membersKey = ["users"] as const;

/** The endpoint does not exist on this server (an older back end), as opposed to a failure. */
export function isUnavailable(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    ((error.status === 404 && error.code === "not_found") || error.status === 405)
  );
}

export function updateProfile(update: ProfileUpdate): Promise<SessionUser> {
  return requestJson<SessionUser>("PATCH", "/api/v1/auth/me", update);
}

export function changePassword(change: PasswordChange): Promise<unknown> {
  return requestJson<unknown>("POST", "/api/v1/auth/password", change);
}

export function fetchStats(): Promise<Stats> {
  return requestJson<Stats>("GET", "/api/v1/stats");
}

/** GET /users; accepts a bare list or `{items}` (the SPEC names the endpoint, not its envelope). */
export async function fetchMembers(): Promise<Member[]> {
  const body = await requestJson<Member[] | { items: Member[] }>("GET", "/api/v1/users");
  return Array.isArray(body) ? body : body.items;
}

export function createMember(member: MemberCreate): Promise<Member> {
  return requestJson<Member>("POST", "/api/v1/users", member);
}

export function updateMember(id: string, update: MemberUpdate): Promise<Member> {
  return requestJson<Member>("PATCH", `/api/v1/users/${encodeURIComponent(id)}`, update);
}

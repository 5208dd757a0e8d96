package dev.cell.server.admin.api;

import java.util.List;

/** One resource of the admin API (users, keys, audit events, ...): the routes it adds. A new resource is one class and one line in {@link AdminApi}. */
public interface AdminResource {
    List<AdminRoute> routes();
}

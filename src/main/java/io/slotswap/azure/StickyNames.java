package io.slotswap.azure;

import java.util.Set;

/** The site's {@code config/slotConfigNames}: names that stay with their slot in every swap. */
public record StickyNames(Set<String> appSettingNames, Set<String> connectionStringNames) {
}

package io.slotswap;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The control plane: swap operations, their engine, their web edge and the operator endpoints. */
@Configuration(proxyBeanMethods = false)
@Profile("!emulator")
@ComponentScan({ "io.slotswap.swap", "io.slotswap.ops" })
class ControlPlaneConfiguration {
}

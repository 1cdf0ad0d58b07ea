package io.slotswap.swap.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Tomcat's own refusals as problems ({@link ProblemErrorReportValve}); TRACE handed to Spring MVC,
 * which answers it 405 with the methods the path really has in {@code Allow} (Tomcat would list every
 * method a servlet could have, most of which then answer 405 too).
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
		return factory -> {
			factory.addContextCustomizers(context -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
			});
			factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
		};
	}

	@Bean
	static BeanPostProcessor traceToSpringMvc() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof DispatcherServlet dispatcher) {
					dispatcher.setDispatchTraceRequest(true);
				}
				return bean;
			}
		};
	}
}

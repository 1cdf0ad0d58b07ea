package io.slotswap.swap;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/** An operation's history. Appended by {@link SwapOperations#save}, never updated. */
public interface SwapEventRepository extends JpaRepository<SwapEvent, Long>, JpaSpecificationExecutor<SwapEvent> {

	List<SwapEvent> findByOperationIdOrderByIdAsc(UUID operationId);

	List<SwapEvent> findByOperationIdAndIdGreaterThanOrderByIdAsc(UUID operationId, long afterId);
}

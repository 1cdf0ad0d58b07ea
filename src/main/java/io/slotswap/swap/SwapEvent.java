package io.slotswap.swap;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry of an operation's history. Written once, never changed. */
@Entity
@Table(name = "swap_event")
public class SwapEvent {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "operation_id", nullable = false)
	private UUID operationId;

	@Column(nullable = false)
	private Instant at;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private EventType type;

	@Enumerated(EnumType.STRING)
	@Column(name = "from_state")
	private SwapState fromState;

	@Enumerated(EnumType.STRING)
	@Column(name = "to_state", nullable = false)
	private SwapState toState;

	@Column(nullable = false)
	private String actor;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Channel channel;

	private String message;

	protected SwapEvent() {
	}

	SwapEvent(UUID operationId, Instant at, EventType type, SwapState fromState, SwapState toState, Actor actor,
			String message) {
		this.operationId = operationId;
		this.at = at;
		this.type = type;
		this.fromState = fromState;
		this.toState = toState;
		this.actor = actor.name();
		this.channel = actor.channel();
		this.message = Text.truncate(message, 2000);
	}

	public Long getId() {
		return id;
	}

	public UUID getOperationId() {
		return operationId;
	}

	public Instant getAt() {
		return at;
	}

	public EventType getType() {
		return type;
	}

	public SwapState getFromState() {
		return fromState;
	}

	public SwapState getToState() {
		return toState;
	}

	public String getActor() {
		return actor;
	}

	public Channel getChannel() {
		return channel;
	}

	public String getMessage() {
		return message;
	}
}
